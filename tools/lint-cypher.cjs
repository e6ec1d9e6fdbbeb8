// Checks Cypher statements with Neo4j's own parser (@neo4j-cypher/language-support), offline.
// Input on stdin: a JSON list of {"name": ..., "cypher": ...}.  Output: a JSON list of
// {"name", "errors": [messages]}; parameters used by a statement count as defined.
const { lintCypherQuery, parseParameters } = require('@neo4j-cypher/language-support');

let input = '';
process.stdin.on('data', (d) => (input += d));
process.stdin.on('end', () => {
  const out = JSON.parse(input).map(({ name, cypher }) => {
    const params = {};
    for (const m of cypher.matchAll(/\$([A-Za-z_][A-Za-z0-9_]*)/g)) params[m[1]] = 'any';
    const result = lintCypherQuery(cypher, { parameters: params });
    const errors = result.diagnostics.filter((d) => d.severity === 1).map((d) => d.message);
    return { name, errors };
  });
  process.stdout.write(JSON.stringify(out));
});
