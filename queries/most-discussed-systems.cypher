// title: The most discussed AI systems
// description: AI systems by the number of claims that mention them, with who discusses them and who developed them.
// param: limit = 15 | rows at most
MATCH (c:Claim)-[:MENTIONS]->(s:System)
OPTIONAL MATCH (p:Person)-[:CLAIMS]->(c)
OPTIONAL MATCH (s)-[:DEVELOPED_BY]->(o:Organization)
RETURN s.name AS system, o.name AS developer, count(DISTINCT c) AS claims, collect(DISTINCT p.name) AS discussed_by
ORDER BY claims DESC, system
LIMIT $limit
