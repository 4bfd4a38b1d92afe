"""Data-parallel training on the CPU, shared by the policy's and the PPM's trainers (their --procs).

One process with one torch thread leaves the second core of a 2-core machine mostly idle; two processes of one
core each, each drawing its own batches, their gradients averaged (torch.distributed over gloo), trained about
twice the tokens (models/MODEL_CARD.md). The first process's clock decides when every process stops, so a time
budget still ends them all at the same step.
"""

import os
import socket

import torch


def spawn(fn, procs, args):
    """Runs fn(rank, *args, port) in `procs` new processes that meet on a free local port."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    os.environ["OPENBLAS_NUM_THREADS"] = "1"  # one core each (read when the new processes load numpy)
    torch.multiprocessing.spawn(fn, args=tuple(args) + (port,), nprocs=procs)


def join(rank, procs, port):
    """Called first in each spawned process."""
    torch.set_num_threads(1)
    torch.distributed.init_process_group("gloo", init_method="tcp://127.0.0.1:%d" % port, rank=rank, world_size=procs)


def world():
    """(this process's rank, processes): (0, 1) outside a group."""
    if torch.distributed.is_initialized():
        return torch.distributed.get_rank(), torch.distributed.get_world_size()
    return 0, 1


def wrap(model):
    """The model to call in training: one that averages gradients over the processes, or the model itself."""
    return torch.nn.parallel.DistributedDataParallel(model) if world()[1] > 1 else model


def one_clock(elapsed):
    """The first process's elapsed seconds, on every process."""
    rank, procs = world()
    if procs == 1:
        return elapsed
    t = torch.tensor([elapsed if rank == 0 else 0.0], dtype=torch.float64)
    torch.distributed.all_reduce(t)
    return t.item()
