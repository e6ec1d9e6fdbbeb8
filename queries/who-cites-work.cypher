// title: Who cites a work, and in which claim
// description: Every citation of works whose name contains the given words: the person (or document) citing it and the words they used.
// param: work = Scaling Hypothesis | words of the work's name, case-insensitive
MATCH (src)-[r:CITES]->(w:Work)
WHERE toLower(w.name) CONTAINS toLower($work)
OPTIONAL MATCH (p:Person)-[:CLAIMS]->(src)
MATCH (d:Document {id: r.document})
RETURN w.name AS work, src.type AS cited_by_type, coalesce(p.name, src.name) AS cited_by, r.quote AS quote, d.name AS document
ORDER BY work, cited_by, quote
