/** Shared test helpers: seeded UPDATE generator, leak-failing JUnit extension, allocators for property loops. */
package dev.corvid.codec.testing;
