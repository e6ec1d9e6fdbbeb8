// title: Who disagrees with whom
// description: Every disagreement from one person to another person or to a group, with the words that show it, the words it answers, where and when.
// param: limit = 100 | rows at most
MATCH (a:Person)-[r:DISAGREES_WITH]->(b)
WHERE b.type IN ['Person', 'Concept']
MATCH (d:Document {id: r.document})
RETURN a.name AS who, b.name AS disagrees_with, r.quote AS quote, r.target_quote AS answering, d.name AS document, r.timestamp AS timestamp
ORDER BY who, disagrees_with, quote
LIMIT $limit
