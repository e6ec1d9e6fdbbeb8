// title: Claims made in several documents
// description: Pairs of claims in different documents that say the same thing (the summary restating the transcript, the book repeating it, notes quoting a clip), with their score.
// param: min_score = 0.8 | lowest similarity to show (0.68 to 1)
MATCH (a:Claim)-[r:RESTATES]->(b:Claim)
WHERE r.score >= $min_score
MATCH (a)-[:STATED_IN]->(da:Document)
// (WITH between the two matches: LadybugDB 0.22 drops rows when both are joined at once; Neo4j does not)
WITH a, r, b, da
MATCH (b)-[:STATED_IN]->(db:Document)
RETURN r.score AS score, da.name AS in_document, a.text AS claim, db.name AS restates_document, b.text AS original, b.timestamp AS timestamp
ORDER BY score DESC, claim
