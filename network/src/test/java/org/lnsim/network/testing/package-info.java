/**
 * Test support published in the network module's test jar: {@link org.lnsim.network.testing.TestData} locates the
 * real snapshots shipped under the repository's {@code data/snapshots}, for every module's tests.
 */
package org.lnsim.network.testing;
