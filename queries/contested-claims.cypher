// title: Contested claims
// description: Claims that someone pushes back on, with how many agree and disagree, who made them and who objects.
MATCH (c:Claim)<-[:DISAGREES_WITH]-(x)
WITH c, count(x) AS disagreements
OPTIONAL MATCH (c)<-[:AGREES_WITH]-(y)
WITH c, disagreements, count(y) AS agreements
OPTIONAL MATCH (p:Person)-[:CLAIMS]->(c)
MATCH (c)-[:STATED_IN]->(d:Document)
RETURN coalesce(p.name, '(unnamed)') AS claimed_by, c.text AS claim, disagreements, agreements, d.name AS document, c.timestamp AS timestamp
ORDER BY disagreements DESC, agreements DESC, claim
