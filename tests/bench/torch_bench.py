"""PyTorch (CPU, one thread) on W1–W4, printed as JSON lines like `descent bench --json`.

Optional: run by tests/bench/run.mjs with Debian's /usr/bin/python3 when python3-torch is installed.
"""
import json, os, sys, time

# One thread means one thread in the BLAS too: Debian's PyTorch calls the system BLAS (OpenBLAS with
# libopenblas0-pthread), which starts its own threads whatever torch.set_num_threads says — on a
# 2-core machine it ran W3's products on both cores. These must be set before the BLAS loads.
for var in ('OPENBLAS_NUM_THREADS', 'OMP_NUM_THREADS', 'MKL_NUM_THREADS', 'BLIS_NUM_THREADS'):
    os.environ[var] = '1'

import torch

torch.set_num_threads(1)
torch.manual_seed(0)


def loaded_blas():
    """The BLAS library this process has mapped (torch's config says only BLAS_INFO=generic on Debian)."""
    try:
        with open('/proc/self/maps') as maps:
            libs = {line.split()[-1].rsplit('/', 1)[-1] for line in maps if '.so' in line}
    except OSError:
        return 'unknown'
    for name, label in (('libopenblas', 'OpenBLAS'), ('libmkl', 'MKL'), ('libblis', 'BLIS'), ('libblas', 'reference BLAS')):
        found = sorted(lib for lib in libs if lib.startswith(name))
        if found:
            return f'{label} ({found[0]})'
    return 'unknown'


torch.rand(64, 64) @ torch.rand(64, 64)  # loads the BLAS
blas = loaded_blas()
print(json.dumps({'note': f'PyTorch {torch.__version__}, 1 thread, BLAS: {blas}'}))

W = {
    'W1': ([2, 8, 8, 1], torch.tanh, 'bce', 500, 10, 'sgd', 0.03),
    'W2': ([16, 64, 64, 1], torch.relu, 'mse', 10000, 64, 'adam', 1e-3),
    'W3': ([784, 256, 10], torch.relu, 'ce', 6000, 128, 'adam', 1e-3),
    'W4': ([1, 1], None, 'mse', 5, 5, 'sgd', 0.01),
}
for wid in sys.argv[1:] or list(W):
    layers, act, loss, rows, batch, opt_name, lr = W[wid]
    mods = []
    for i in range(1, len(layers)):
        mods.append(torch.nn.Linear(layers[i - 1], layers[i]))
        if i + 1 < len(layers) and act is not None:
            mods.append(torch.nn.Tanh() if act is torch.tanh else torch.nn.ReLU())
    net = torch.nn.Sequential(*mods)
    if wid == 'W4':
        x = torch.tensor([[1.], [2.], [3.], [4.], [5.]]); y = torch.tensor([[2.], [3.], [5.], [7.], [11.]])
    else:
        x = torch.rand(rows, layers[0]) * 2 - 1
        y = torch.randint(0, layers[-1], (rows,)) if loss == 'ce' else ((x[:, :1] * x[:, 1:2] > 0).float() if loss == 'bce' else torch.randn(rows, 1))
    lossf = {'bce': torch.nn.BCEWithLogitsLoss(), 'mse': torch.nn.MSELoss(), 'ce': torch.nn.CrossEntropyLoss()}[loss]
    opt = torch.optim.SGD(net.parameters(), lr=lr) if opt_name == 'sgd' else torch.optim.Adam(net.parameters(), lr=lr)
    batches = [(x[i:i + batch], y[i:i + batch]) for i in range(0, rows, batch)]
    updates = 1000 if wid == 'W4' else len(batches)

    def epoch():
        for s in range(updates):
            xb, yb = batches[s % len(batches)]
            opt.zero_grad(set_to_none=True)
            l = lossf(net(xb), yb)
            l.backward()
            opt.step()

    t0 = time.perf_counter()
    while time.perf_counter() - t0 < 0.5:
        epoch()
    vals = []
    wall = cpu = 0.0
    for _ in range(5):
        c = time.process_time(); t = time.perf_counter(); epoch(); t = time.perf_counter() - t
        cpu += time.process_time() - c; wall += t
        vals.append(t * 1e6 if wid == 'W4' else rows / t)
    vals.sort()
    if cpu > 1.2 * wall:  # CPU time beyond wall time: some library ran threads of its own
        print(json.dumps({'note': f'PyTorch {wid} used {cpu / wall:.2f} cores, not one: its figures are not single-threaded'}))
    print(json.dumps({'engine': 'pytorch', 'env': 'native', 'workload': wid, 'median': vals[2], 'min': vals[0], 'max': vals[-1],
                      'unit': 'us_per_1000_updates' if wid == 'W4' else 'samples_per_s', 'backend': f'torch-cpu-1thread ({blas})'}))
    sys.stdout.flush()
