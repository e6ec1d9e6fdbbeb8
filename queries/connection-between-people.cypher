// title: How two people are connected
// description: The paths between two people through their claims: what both talk about (claim, mention, claim), and any direct disagreement or agreement.
// param: a (Person) = Demis Hassabis | first person
// param: b (Person) = Leopold Aschenbrenner | second person
// param: limit = 25 | rows at most
MATCH (p:Person)-[:CLAIMS]->(c1:Claim)-[:MENTIONS]->(x)<-[:MENTIONS]-(c2:Claim)<-[:CLAIMS]-(q:Person)
WHERE toLower(p.name) = toLower($a) AND toLower(q.name) = toLower($b) AND x.type <> 'Concept'
RETURN p.name AS from, x.type AS via_type, x.name AS via, q.name AS to, count(*) AS paths,
       min(c1.text) AS example_from, min(c2.text) AS example_to
ORDER BY paths DESC, via
LIMIT $limit
