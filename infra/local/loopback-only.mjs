// Preloaded into the everything backend (`node --import`): it calls app.listen(PORT), which listens on every
// interface; the local stack listens on loopback only, so a bare port gets 127.0.0.1 added.
import net from 'node:net'

const listen = net.Server.prototype.listen
net.Server.prototype.listen = function (...args) {
  const bare = typeof args[0] === 'number' || (typeof args[0] === 'string' && /^\d+$/.test(args[0]))
  if (bare && typeof args[1] !== 'string') args.splice(1, 0, '127.0.0.1')
  return listen.apply(this, args)
}
