// title: A concept: its definition and every claim that mentions it
// description: The definition the corpus gives for a concept (from the book's glossary) and every claim that mentions it, with who made it.
// param: concept (Concept) = scaling hypothesis | the concept (name or alias, case-insensitive name)
MATCH (k:Concept)
WHERE toLower(k.name) = toLower($concept) OR $concept IN k.aliases
OPTIONAL MATCH (c:Claim)-[:MENTIONS]->(k)
OPTIONAL MATCH (p:Person)-[:CLAIMS]->(c)
RETURN k.name AS concept, k.definition AS definition, p.name AS person, c.text AS claim, c.timestamp AS timestamp
ORDER BY person, claim
