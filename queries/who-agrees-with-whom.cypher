// title: Who agrees with whom
// description: Every agreement from one person to another person or to a group, with the words that show it and the words it answers.
// param: limit = 100 | rows at most
MATCH (a:Person)-[r:AGREES_WITH]->(b)
WHERE b.type IN ['Person', 'Concept']
MATCH (d:Document {id: r.document})
RETURN a.name AS who, b.name AS agrees_with, r.quote AS quote, r.target_quote AS answering, d.name AS document, r.timestamp AS timestamp
ORDER BY who, agrees_with, quote
LIMIT $limit
