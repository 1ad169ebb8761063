// A single-head attention model as ONNX bytes, built at bench time: a minimal protobuf writer for the few
// ONNX messages it needs.  Not a general ONNX encoder; field numbers are from onnx.proto.
const WIRE_VARINT = 0,
  WIRE_BYTES = 2;
const FLOAT = 1; // TensorProto.DataType
const ATTR_INT = 2,
  ATTR_INTS = 7; // AttributeProto.AttributeType

// A protobuf message under construction: fields appended in order, nested messages as byte arrays.
class Message {
  constructor() {
    this.bytes = [];
  }

  varint(value) {
    let v = BigInt.asUintN(64, BigInt(value));
    do {
      let byte = Number(v & 0x7fn);
      v >>= 7n;
      if (v) byte |= 0x80;
      this.bytes.push(byte);
    } while (v);
    return this;
  }

  tag(field, wire) {
    return this.varint((field << 3) | wire);
  }

  int(field, value) {
    return this.tag(field, WIRE_VARINT).varint(value);
  }

  raw(field, bytes) {
    this.tag(field, WIRE_BYTES).varint(bytes.length);
    for (const b of bytes) this.bytes.push(b);
    return this;
  }

  string(field, text) {
    return this.raw(field, new TextEncoder().encode(text));
  }

  message(field, m) {
    return this.raw(field, m.bytes);
  }

  done() {
    return Uint8Array.from(this.bytes);
  }
}

function attribute(name, fill) {
  const a = new Message().string(1, name);
  fill(a);
  return a;
}

function node(opType, inputs, outputs, attributes = []) {
  const m = new Message();
  for (const i of inputs) m.string(1, i);
  for (const o of outputs) m.string(2, o);
  m.string(3, outputs[0]).string(4, opType);
  for (const a of attributes) m.message(5, a);
  return m;
}

// ValueInfoProto for a float tensor of fixed shape.
function floatTensorInfo(name, dims) {
  const shape = new Message();
  for (const d of dims) shape.message(1, new Message().int(1, d));
  const tensorType = new Message().int(1, FLOAT).message(2, shape);
  return new Message().string(1, name).message(2, new Message().message(1, tensorType));
}

// TensorProto holding one float: dims absent means a scalar.
function scalarInitializer(name, value) {
  return new Message()
    .int(2, FLOAT)
    .string(8, name)
    .raw(9, new Uint8Array(new Float32Array([value]).buffer));
}

/**
 * out = Softmax(MatMul(q, Transpose(k)) · scale, axis -1) · v, with q, k, v and out of shape [n, d].
 * Returns the ModelProto bytes (IR 7, opset 13), ready for InferenceSession.create.
 */
export function attentionModel(n, d, scale) {
  const graph = new Message()
    .message(1, node('Transpose', ['k'], ['kT'], [attribute('perm', (a) => a.int(20, ATTR_INTS).int(8, 1).int(8, 0))]))
    .message(1, node('MatMul', ['q', 'kT'], ['scores']))
    .message(1, node('Mul', ['scores', 'scale'], ['scaled']))
    .message(1, node('Softmax', ['scaled'], ['weights'], [attribute('axis', (a) => a.int(20, ATTR_INT).int(3, -1))]))
    .message(1, node('MatMul', ['weights', 'v'], ['out']))
    .string(2, 'attention')
    .message(5, scalarInitializer('scale', scale))
    .message(11, floatTensorInfo('q', [n, d]))
    .message(11, floatTensorInfo('k', [n, d]))
    .message(11, floatTensorInfo('v', [n, d]))
    .message(12, floatTensorInfo('out', [n, d]));
  return new Message()
    .int(1, 7)
    .string(2, 'attention-playground-bench')
    .message(7, graph)
    .message(8, new Message().string(1, '').int(2, 13))
    .done();
}
