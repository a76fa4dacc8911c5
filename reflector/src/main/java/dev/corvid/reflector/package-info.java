/**
 * Who gets which route. The pure rules between the RIB and the wire: peer roles ({@link PeerRole}), what happens
 * to a path on its way in ({@link ImportRules}: loop detection, attributes that do not cross an AS boundary, the
 * import {@link Policy}) and on its way out ({@link ExportRules}: RFC 4271 §9.2 iBGP split horizon, RFC 4456 §6/§8
 * reflection, eBGP rewriting, the export {@link Policy}), and the {@link UpdateGroup} key under which peers with
 * the same export result share one encoded UPDATE.
 *
 * <p>Everything here is a function of its arguments: no sockets, no threads, no state. The RIB thread calls it.
 */
package dev.corvid.reflector;
