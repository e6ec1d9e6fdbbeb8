// title: A person's claims in order
// description: Everything one person claims, document by document in the order said, with timestamps and links to the moment in the video.
// param: person (Person) = Demis Hassabis | the person
// param: limit = 200 | rows at most
MATCH (p:Person)-[:CLAIMS]->(c:Claim)-[:STATED_IN]->(d:Document)
WHERE toLower(p.name) = toLower($person)
RETURN d.name AS document, c.timestamp AS timestamp, c.text AS claim, c.url AS link, c.start AS offset
ORDER BY document, offset
LIMIT $limit
