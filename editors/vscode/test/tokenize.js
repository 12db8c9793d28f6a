// Tokenise lines with the extension's TextMate grammar, using the engine VS Code
// uses (vscode-textmate with the Oniguruma regex library).
// Input on stdin: a JSON list of files, each a list of lines.
// Output on stdout: for each file, for each line, a list of [text, scopes].
"use strict";

const fs = require("fs");
const path = require("path");
const textmate = require("vscode-textmate");
const oniguruma = require("vscode-oniguruma");

const here = __dirname;
const grammarPath = path.join(here, "..", "syntaxes", "timescales.tmLanguage.json");
const wasm = fs.readFileSync(require.resolve("vscode-oniguruma/release/onig.wasm"));

async function main() {
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (scopeName) => {
      if (scopeName !== "source.timescales") return null;
      const content = fs.readFileSync(grammarPath, "utf8");
      return textmate.parseRawGrammar(content, grammarPath);
    },
  });
  const grammar = await registry.loadGrammar("source.timescales");
  const files = JSON.parse(fs.readFileSync(0, "utf8"));
  const result = files.map((lines) => {
    let stack = textmate.INITIAL;
    return lines.map((line) => {
      const tokens = grammar.tokenizeLine(line, stack);
      stack = tokens.ruleStack;
      return tokens.tokens.map((t) => [line.slice(t.startIndex, t.endIndex), t.scopes]);
    });
  });
  process.stdout.write(JSON.stringify(result));
}

main().catch((error) => {
  process.stderr.write(String((error && error.stack) || error) + "\n");
  process.exit(1);
});
