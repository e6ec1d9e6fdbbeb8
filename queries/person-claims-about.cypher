// title: What a person claims about a system or concept
// description: Everything a person claims that mentions a system, concept, organization, person or work, in document order, with timestamps, deep links, the question it answers and whether it is their own view or one they report, suppose or reject.
// param: person (Person) = Demis Hassabis | the person (full name or alias, case-insensitive)
// param: topic (Entity, optional) = | a system, concept or other entity (name or alias); every claim when left out
MATCH (p:Person)-[k:CLAIMS]->(c:Claim)
WHERE (toLower(p.name) = toLower($person) OR $person IN p.aliases)
  AND ($topic = '' OR EXISTS { MATCH (c)-[:MENTIONS]->(x) WHERE toLower(x.name) = toLower($topic) OR $topic IN x.aliases })
MATCH (c)-[:STATED_IN]->(d:Document)
RETURN c.text AS claim, coalesce(k.stance, 'own') AS view, c.context AS answering, c.timestamp AS timestamp, c.url AS link,
       d.name AS document, c.start AS offset
ORDER BY document, offset
