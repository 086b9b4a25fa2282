/** Tests of the protocols on a living network (issue 22): policies that change while gossip lags. */
package org.lnsim.protocols.living;
