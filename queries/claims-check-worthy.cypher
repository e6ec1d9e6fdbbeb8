// title: Claims to check first
// description: Claims that state a fact someone could look up (a figure, a date, what a named model, company or person did), the most check-worthy first, with who said it and where.
// param: person (Person, optional) = | the person (full name or alias); everyone when left out
// param: limit = 50 | rows at most
MATCH (p:Person)-[k:CLAIMS]->(c:Claim)
WHERE k.stance IS NULL
// the person is chosen after the WITH: LadybugDB drops rows when this test shares the WHERE above
WITH p, c
WHERE ($person = '' OR toLower(p.name) = toLower($person) OR $person IN p.aliases)
MATCH (c)-[:STATED_IN]->(d:Document)
RETURN p.name AS who, c.text AS claim, c.checkworthy AS checkworthiness, d.name AS document, c.timestamp AS timestamp, c.url AS url
ORDER BY checkworthiness DESC, who, claim, document, timestamp
LIMIT $limit
