// libFuzzer harness for the bridge's packed-state decoding, built natively: arbitrary header ints (heads,
// mask, flags, shapes: negative, huge, mismatched), an input buffer of any length and values.  Checks: no
// crash or UB; a refusal names a path; an accepted state gives a finite trace and a layout inside it.
// The two adapters below are the only code that knows the bridges' entry points (both decode through
// protocol.cpp's one decode_state).
#include <algorithm>
#include <vector>

#include "bridge.hpp"
#include "fuzz_support.hpp"
#include "train_bridge.hpp"

namespace {

// Header ints: mostly small shapes near the real ones, sometimes anything an int32 can hold.
int32_t header_int(FuzzedDataProvider& in) {
    switch (in.ConsumeIntegralInRange<int>(0, 7)) {
        case 0:
            return in.ConsumeIntegral<int32_t>();
        case 1:
            return -in.ConsumeIntegralInRange<int32_t>(1, 3);
        case 2:
            return in.ConsumeIntegralInRange<int32_t>(0, 1) ? 65536 : 46341;  // products past 2^31
        default:
            return in.ConsumeIntegralInRange<int32_t>(0, 6);
    }
}

void fill(FuzzedDataProvider& in, int32_t* header, int header_ints, std::vector<float>& values) {
    for (int i = 0; i < header_ints; ++i) header[i] = header_int(in);
    values.resize(in.ConsumeIntegralInRange<std::size_t>(0, 600));
    for (float& v : values) v = fuzz::value(in, in.ConsumeIntegralInRange<int>(0, 7) == 0);
}

void forward(FuzzedDataProvider& in) {
    static bridge::Workspace ws;  // reused, as the engine reuses it
    std::vector<float> values;
    fill(in, ws.header(), bridge::kHeaderInts, values);
    const float temperature = fuzz::temperature(in);
    std::copy(values.begin(), values.end(), ws.input(static_cast<int>(values.size())));
    if (!ws.run(temperature)) return fuzz::check_error(ws.error());
    const int n = ws.trace_floats(), H = ws.header()[bridge::kHeads];
    fuzz::check_finite("trace", {ws.trace_base(), 1, n}, true);
    const int32_t* lay = ws.layout();
    for (int t = 0; t < bridge::kTensorsPerHead * H + bridge::kTraceTensors; ++t) {
        const long off = lay[3 * t], size = static_cast<long>(lay[3 * t + 1]) * lay[3 * t + 2];
        if (off < 0 || size < 0 || off + size > n) fuzz::fail("layout outside the trace", std::to_string(t));
    }
}

void training(FuzzedDataProvider& in) {
    static bridge::Trainer tr;
    std::vector<float> state, targets;
    fill(in, tr.header(), bridge::kHeaderInts, state);
    targets.resize(in.ConsumeIntegralInRange<std::size_t>(0, 300));
    for (float& v : targets) v = in.ConsumeFloatingPointInRange<float>(0.0f, 1.0f);
    const float temperature = fuzz::temperature(in), rate = in.ConsumeFloatingPointInRange<float>(-1.0f, 101.0f);
    std::copy(state.begin(), state.end(), tr.state(static_cast<int>(state.size())));
    std::copy(targets.begin(), targets.end(), tr.targets(static_cast<int>(targets.size())));
    if (!tr.load(temperature, rate)) return fuzz::check_error(tr.error());
    if (!std::isfinite(tr.loss())) fuzz::fail("loss", std::to_string(tr.loss()));
    const int steps = in.ConsumeIntegralInRange<int>(-1, 3);
    if (!tr.step(steps)) return fuzz::check_error(tr.error());
    if (!std::isfinite(tr.loss())) fuzz::fail("loss after steps", std::to_string(tr.loss()));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    FuzzedDataProvider in(data, size);
    if (in.ConsumeBool())
        forward(in);
    else
        training(in);
    return 0;
}
