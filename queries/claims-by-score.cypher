// title: Claims worth reading first
// description: A person's (or everyone's) own claims, the likeliest claims first by the claim model's score, with the question each answers.
// param: person (Person, optional) = | the person (full name or alias); everyone when left out
// param: limit = 50 | rows at most
MATCH (p:Person)-[k:CLAIMS]->(c:Claim)
WHERE k.stance IS NULL
// the person is chosen after the WITH: LadybugDB drops rows when this test shares the WHERE above
WITH p, c
WHERE ($person = '' OR toLower(p.name) = toLower($person) OR $person IN p.aliases)
MATCH (c)-[:STATED_IN]->(d:Document)
RETURN p.name AS who, c.text AS claim, c.score AS score, c.context AS answering, d.name AS document, c.timestamp AS timestamp
ORDER BY score DESC, who, claim, document, timestamp
LIMIT $limit
