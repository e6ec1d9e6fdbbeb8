// title: Claims worth reading first
// description: A person's (or everyone's) own claims, the likeliest claims first by the claim model's score, with the question each answers.
// param: person (Person, optional) = | the person (full name or alias); everyone when left out
// param: limit = 50 | rows at most
MATCH (p:Person)-[k:CLAIMS]->(c:Claim)
WHERE ($person = '' OR toLower(p.name) = toLower($person) OR $person IN p.aliases)
  AND k.stance IS NULL
MATCH (c)-[:STATED_IN]->(d:Document)
RETURN p.name AS who, c.text AS claim, c.score AS score, c.context AS answering, d.name AS document, c.timestamp AS timestamp
ORDER BY score DESC, who, claim
LIMIT $limit
