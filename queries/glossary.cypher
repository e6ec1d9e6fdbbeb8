// title: The glossary
// description: Every concept the corpus defines, with its definition and the document that defines it.
MATCH (k:Concept)-[r:DEFINED_IN]->(d:Document)
RETURN DISTINCT k.name AS concept, k.aliases AS also_called, k.definition AS definition, d.name AS defined_in
ORDER BY concept
