// Prints the run's totals as one plain line, 'Tests: N passed, N failed, N skipped', for tools that read it.
// A suite that could not run counts as a failure: its tests never got the chance to.
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    process.stdout.write(
      `\nTests: ${results.numPassedTests} passed, ${failed} failed, ${results.numPendingTests} skipped\n`,
    );
  }
}
module.exports = SummaryReporter;
