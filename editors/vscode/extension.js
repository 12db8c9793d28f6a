// The VS Code client for `timescale lsp`: starts the server and hands it the
// *.timescales files. Everything else (checks, hover, completion, formatting)
// is the server's. Plain JavaScript, so packaging needs no build step.
"use strict";

const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client;

function serverOptions() {
  const settings = vscode.workspace.getConfiguration("timescale");
  return {
    command: settings.get("server.path", "timescale"),
    args: settings.get("server.args", ["lsp"]),
    transport: TransportKind.stdio,
  };
}

function clientOptions() {
  const settings = vscode.workspace.getConfiguration("timescale");
  return {
    documentSelector: [
      { scheme: "file", language: "timescales" },
      { scheme: "untitled", language: "timescales" },
    ],
    initializationOptions: { exampleDate: settings.get("exampleDate", "") || undefined },
  };
}

async function start() {
  client = new LanguageClient("timescale", "Timescale rules", serverOptions(), clientOptions());
  try {
    await client.start();
  } catch (error) {
    const command = serverOptions().command;
    vscode.window.showErrorMessage(
      `Timescale rules: could not start '${command} lsp' (${error.message || error}). ` +
        "Install it with: pip install 'timescale-dsl[lsp]', or set timescale.server.path " +
        "to the timescale command of your virtual environment."
    );
  }
}

async function stop() {
  if (client) {
    const running = client;
    client = undefined;
    if (running.isRunning()) {
      await running.stop();
    }
  }
}

async function activate(context) {
  context.subscriptions.push(
    vscode.commands.registerCommand("timescale.restartServer", async () => {
      await stop();
      await start();
    }),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration("timescale")) {
        await stop();
        await start();
      }
    })
  );
  await start();
}

function deactivate() {
  return stop();
}

module.exports = { activate, deactivate };
