/** The picocli command line; the only package that prints or calls {@code System.exit}. */
package io.slipstream.cli;
