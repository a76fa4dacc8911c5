/**
 * The {@code config} module: corvid's HOCON configuration (typesafe-config) turned into validated, immutable records
 * ({@link dev.corvid.config.CorvidConfig} and the peers, ranges, policies and kernel settings in it). The schema and
 * its defaults are {@code reference.conf}; {@link dev.corvid.config.ConfigLoader} reports every problem of a file
 * at once as {@code FILE:LINE: path: message}, with "did you mean" for misspelt keys and words.
 */
package dev.corvid.config;
