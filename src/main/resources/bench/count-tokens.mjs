// Counts the tokens of a tools/list answer with Anthropic's published tokenizer: all of it, and
// the part a client puts in the model's context (name, description, input schema per tool).
import { countTokens } from '@anthropic-ai/tokenizer';
import fs from 'fs';
const tools = JSON.parse(fs.readFileSync(process.argv[2], 'utf8')).result.tools;
let all = 0, model = 0, bytes = 0;
for (const t of tools) {
  const facing = JSON.stringify({ name: t.name, description: t.description, input_schema: t.inputSchema });
  all += countTokens(JSON.stringify(t));
  model += countTokens(facing);
  bytes += Buffer.byteLength(facing);
}
console.log(`${tools.length} ${all} ${model} ${bytes}`);
