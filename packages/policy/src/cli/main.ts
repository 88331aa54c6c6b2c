import { runCli } from './run-cli';

// The entry point of the `parapet-policy` bin. The exit code is set rather than forced with
// process.exit(), so buffered output on a pipe is flushed before the process ends.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  // A reader that went away (`| head`) is not an error of ours.
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

try {
  process.exitCode = await runCli({
    argv: process.argv.slice(2),
    io: { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr },
    env: process.env,
  });
} catch (error) {
  process.stderr.write(
    `parapet-policy: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 1;
}
