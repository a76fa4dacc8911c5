/**
 * The control socket: {@link dev.corvid.daemon.control.ControlServer} (the daemon's end, a Unix domain socket
 * answering one JSON request line per connection) and {@link dev.corvid.daemon.control.ControlClient} (what every
 * {@code corvid show} uses). The protocol is a request {@code {"command":"show-neighbors","address":"10.0.0.2"}}
 * and a response {@code {"result": ...}} or {@code {"error": "sentence"}}.
 */
package dev.corvid.daemon.control;
