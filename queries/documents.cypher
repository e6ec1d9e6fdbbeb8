// title: The documents
// description: Every document in the graph with its format, its speakers and how many claims it holds.
MATCH (d:Document)
OPTIONAL MATCH (c:Claim)-[:STATED_IN]->(d)
WITH d, count(c) AS claims
OPTIONAL MATCH (p:Person)-[:SPOKE_IN]->(d)
RETURN d.path AS path, d.format AS format, d.name AS title, claims, collect(p.name) AS speakers
ORDER BY path
