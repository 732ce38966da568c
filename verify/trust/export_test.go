package trust

// DecodePayload exposes the payload decoder to the fuzz target.
var DecodePayload = decodePayload
