/** Operating corvid against real peers (issue 6): live reload, with BIRD telling whether sessions were reset. */
package dev.corvid.it.operations;
