// title: People's affiliations and roles
// description: Where each person works and in what role, with the words that say so.
MATCH (p:Person)-[r:AFFILIATED_WITH]->(o:Organization)
RETURN p.name AS person, r.role AS role, o.name AS organization, r.quote AS source
ORDER BY person, organization, role
