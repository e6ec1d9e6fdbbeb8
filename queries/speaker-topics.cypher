// title: What each speaker talks about most
// description: For every person with claims, the systems, organizations, people, works and defined concepts their claims mention, most mentioned first.
// param: min_claims = 3 | show a topic only when at least this many of the person's claims mention it
MATCH (p:Person)-[:CLAIMS]->(c:Claim)-[:MENTIONS]->(x)
WHERE x.type <> 'Concept' OR x.definition IS NOT NULL
WITH p.name AS person, x.name AS topic, x.type AS topic_type, count(DISTINCT c) AS claims
WHERE claims >= $min_claims
RETURN person, topic, topic_type, claims
ORDER BY person, claims DESC, topic
