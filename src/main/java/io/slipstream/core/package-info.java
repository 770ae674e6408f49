/** Shared vocabulary with no dependencies: argument checks, exceptions, bar intervals, units. */
package io.slipstream.core;
