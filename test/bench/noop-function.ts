// The cold-start floor: an FDK function that answers {} over the same Fn socket, bundled like ours, doing nothing else.
import fdk from '@fnproject/fdk'

fdk.handle(() => fdk.rawResult('{}'), { inputMode: 'buffer' })
