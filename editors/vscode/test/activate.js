// Runs the extension's activate() against stand-ins for VS Code and the
// language client, and prints what it asked for: the command it starts, the
// documents it hands over and the options it passes. The real client module
// must be installed (its path is resolved), so a wrong require fails here.
"use strict";

const Module = require("module");
const path = require("path");

const settings = JSON.parse(process.argv[2] || "{}");
const seen = { clients: [], started: 0, stopped: 0, commands: [] };

class LanguageClient {
  constructor(id, name, serverOptions, clientOptions) {
    seen.clients.push({ id, name, serverOptions, clientOptions });
    this.running = false;
  }
  async start() {
    seen.started += 1;
    this.running = true;
  }
  isRunning() {
    return this.running;
  }
  async stop() {
    seen.stopped += 1;
    this.running = false;
  }
}

const vscode = {
  workspace: {
    getConfiguration: () => ({
      get: (key, fallback) => (key in settings ? settings[key] : fallback),
    }),
    onDidChangeConfiguration: () => ({ dispose() {} }),
  },
  window: { showErrorMessage: (message) => seen.commands.push(["error", message]) },
  commands: {
    registerCommand: (name, run) => {
      seen.commands.push(["registered", name]);
      vscode.registered = run;
      return { dispose() {} };
    },
  },
};

require.resolve("vscode-languageclient/node", { paths: [path.join(__dirname, "..")] });
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (request === "vscode" || request === "vscode-languageclient/node") return request;
  return resolve.call(this, request, ...rest);
};
require.cache.vscode = { id: "vscode", filename: "vscode", loaded: true, exports: vscode };
require.cache["vscode-languageclient/node"] = {
  id: "client",
  filename: "client",
  loaded: true,
  exports: { LanguageClient, TransportKind: { stdio: 0 } },
};

(async () => {
  const extension = require(path.join(__dirname, "..", "extension.js"));
  const context = { subscriptions: [] };
  await extension.activate(context);
  await vscode.registered(); // Timescale: Restart the language server
  await extension.deactivate();
  seen.subscriptions = context.subscriptions.length;
  process.stdout.write(JSON.stringify(seen));
})().catch((error) => {
  process.stderr.write(String((error && error.stack) || error) + "\n");
  process.exit(1);
});
