// title: Search claims by words
// description: Claims whose text contains the given words (case-insensitive), with speaker, document and timestamp.
// param: text = grounding | words to look for
// param: limit = 50 | rows at most
MATCH (c:Claim)-[:STATED_IN]->(d:Document)
WHERE toLower(c.text) CONTAINS toLower($text)
OPTIONAL MATCH (p:Person)-[:CLAIMS]->(c)
RETURN coalesce(p.name, '(unnamed)') AS speaker, c.text AS claim, d.name AS document, c.timestamp AS timestamp, c.url AS link
ORDER BY document, c.start
LIMIT $limit
