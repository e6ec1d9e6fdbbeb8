// title: Claims about a system by people from other organizations
// description: What people who do not work for a system's developer claim about it: outside views of Gemini, GPT-4, AlphaGo and the rest.
// param: system (System) = GPT-4 | the system (name or alias)
MATCH (s:System)-[:DEVELOPED_BY]->(dev:Organization)
WHERE toLower(s.name) = toLower($system) OR $system IN s.aliases
MATCH (p:Person)-[:CLAIMS]->(c:Claim)-[:MENTIONS]->(s)
WHERE NOT EXISTS { MATCH (p)-[:AFFILIATED_WITH]->(dev) }
MATCH (c)-[:STATED_IN]->(d:Document)
RETURN p.name AS person, dev.name AS developer, c.text AS claim, d.name AS document, c.timestamp AS timestamp
ORDER BY person, document, claim
