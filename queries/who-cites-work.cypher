// title: Who cites a work, and in which claim
// description: Every citation of works whose name contains the given words: the person (or document) citing it and the words they used.
// param: work (Work, optional) = | words of the work's name, case-insensitive (any work when left out)
MATCH (src)-[r:CITES]->(w:Work)
WHERE $work = '' OR toLower(w.name) CONTAINS toLower($work)
OPTIONAL MATCH (p:Person)-[:CLAIMS]->(src)
MATCH (d:Document {id: r.document})
RETURN w.name AS work, src.type AS cited_by_type, coalesce(p.name, src.name) AS cited_by, r.quote AS quote, d.name AS document
ORDER BY work, cited_by, quote
