/** JMH benchmarks of the protocol library, each next to the raw primitive it wraps. Run by deploy/bench/run-protocol.sh. */
package org.branchwork.bench;
