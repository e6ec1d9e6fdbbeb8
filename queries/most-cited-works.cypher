// title: The most cited works
// description: Papers, books, essays and posts by the number of distinct places that cite them, with their kind, year and authors.
// param: limit = 20 | rows at most
MATCH (src)-[r:CITES]->(w:Work)
RETURN w.name AS work, w.kind AS kind, w.year AS year, w.authors AS authors, count(DISTINCT src) AS cited_by
ORDER BY cited_by DESC, work
LIMIT $limit
