#pragma once
// Recomputes one case of the golden training.json (README §6): explicit data and initial weights,
// full batch, a fixed number of steps. Returns the case with `losses` and `final_params` replaced
// by this implementation's values.
#include <nlohmann/json.hpp>

namespace descent::train {

nlohmann::json replay_training_case(const nlohmann::json& golden_case);

}  // namespace descent::train
