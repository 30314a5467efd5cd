/**
 * Every ActivityStreams ↔ domain conversion: the only code that knows both, including the
 * project's {@code bw:} terms as typed records ({@code GoalReport}). Never reads member records.
 */
package org.branchwork.node.federation.mapping;
