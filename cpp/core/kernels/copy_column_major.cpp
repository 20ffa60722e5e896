#include "kernels/copy_column_major.hpp"

#include "kernels/simd.hpp"

namespace descent {

void copy_column_major(const MatView& v, std::ptrdiff_t rows, std::ptrdiff_t cols, float* dst) {
  std::ptrdiff_t i = 0;
  if (v.col_stride == 1)
    for (; i + 4 <= rows; i += 4) {
      std::ptrdiff_t j = 0;
      for (; j + 4 <= cols; j += 4) simd::transpose4(v.data + i * v.row_stride + j, v.row_stride, dst + j * rows + i, rows);
      for (; j < cols; ++j)
        for (std::ptrdiff_t r = i; r < i + 4; ++r) dst[j * rows + r] = v(r, j);
    }
  for (; i < rows; ++i)
    for (std::ptrdiff_t j = 0; j < cols; ++j) dst[j * rows + i] = v(i, j);
}

}  // namespace descent
