% matpower_newtonpf_reference.m — an independent AC power-flow reference for peergrid, run under GNU Octave.
%
% WHAT THIS IS
%   A faithful re-implementation of MATPOWER's documented Newton power-flow path (runpf with the defaults
%   pf.alg = 'NR', pf.tol = 1e-8, pf.nr.max_it = 10, pf.enforce_q_lims = 0, constant-power loads):
%     ext2int  -> bustypes -> makeYbus -> makeSbus -> newtonpf (polar, full Newton, dSbus_dV Jacobian,
%     sparse backslash solve J \ F) -> int2ext,
%   written from MATPOWER's documented formulation (User's Manual ch. 3 "Modeling" and ch. 4 "Power Flow";
%   Zimmerman, Murillo-Sanchez & Thomas, IEEE Trans. Power Systems 26(1), 2011). No MATPOWER source was available
%   (no internet) or copied; the function names only mirror MATPOWER's steps. It is NOT MATPOWER.
%
% WHAT THAT IMPLIES
%   - It is independent of peergrid's TypeScript/AssemblyScript code (another language, another linear solver:
%     Octave's sparse backslash = UMFPACK), so agreement with it checks peergrid's modelling and numerics.
%   - It shares with peergrid the reading of MATPOWER's documented semantics. A misreading of the manual common to
%     both would go unnoticed; the details used are spelled out below so a reviewer with MATPOWER can check them.
%   - Timings are those of this script under Octave, shaped like MATPOWER's legacy newtonpf (same matrix operations
%     per iteration), not measurements of MATPOWER itself.
%
% MODEL DETAILS (MATPOWER manual §3)
%   Branch (pi model with ideal transformer at the from end), ys = 1/(r + j x), tau = TAP (0 means 1),
%   theta = SHIFT (deg), N = tau*exp(j*theta):
%     Ytt = ys + j*b/2;  Yff = Ytt / (tau^2);  Yft = -ys / conj(N);  Ytf = -ys / N.
%   Bus shunt Ysh = (GS + j*BS)/baseMVA.  Sbus = (Cg*(PG + j QG) - (PD + j QD))/baseMVA, in-service gens only.
%   ext2int: buses renumbered to consecutive indices in row order; type-4 (isolated) buses and the branches/gens
%   touching them removed; out-of-service branches (BR_STATUS <= 0) and gens (GEN_STATUS <= 0) removed.
%   bustypes: REF/PV buses need an in-service gen, else they count as PQ; with no REF left the first PV becomes REF.
%   runpf start: V0 = VM .* exp(j*VA*pi/180) from the case; at PV/REF buses with an in-service gen,
%   |V0| = VG (the last gen at the bus wins; its angle is kept).
%   newtonpf: F = [real(mis([pv;pq])); imag(mis(pq))], mis = V.*conj(Ybus*V) - Sbus; converged when
%   norm(F, inf) < tol (checked before the first iteration too); each iteration J = [j11 j12; j21 j22] from
%   dSbus_dV (polar), dx = -(J \ F), Va(pv), Va(pq), Vm(pq) updated, V rebuilt, Vm = abs(V), Va = angle(V).
%   Output VA = angle(V) in degrees, i.e. wrapped to (-180, 180] as MATPOWER's pfsoln/runpf reports it.
%
% USAGE (the Node runner scripts/reference/run-octave-reference.mjs does this for every case)
%   octave-cli --norc --quiet matpower_newtonpf_reference.m <inPrefix> <outFile> [repeats]
%   reads <inPrefix>.base.txt (baseMVA), <inPrefix>.bus.txt (13 cols), <inPrefix>.gen.txt (>= 10 cols),
%   <inPrefix>.branch.txt (>= 11 cols): plain numeric text (Inf/-Inf/NaN allowed), exact decimal round-trips of
%   the case's doubles; writes <outFile>:
%     line 1: iterations converged maxMismatchPu newtonpfMsMedian ybusSbusNewtonpfMsMedian repeats
%     line 2: timing samples (newtonpf ms x repeats, then makeYbus+makeSbus+newtonpf ms x repeats)
%     line 3: lossesMw lossesMvar slackPMw slackQMvar (as pfsoln: losses = sum of Sf + St over in-service branches;
%             slack generation = computed injection at the reference bus + its load)
%     then one line per case bus (case row order): VM_pu VA_deg,
%     then one line per case branch (case row order): PF_MW QF_MVAr PT_MW QT_MVAr (pfsoln: Sf = V(f).*conj(Yf*V),
%     St = V(t).*conj(Yt*V), times baseMVA; 0 for out-of-service branches), all %.17g.
1;

% Column indices (MATPOWER's idx_bus, idx_gen, idx_brch).
function c = cols()
  c.BUS_I = 1; c.BUS_TYPE = 2; c.PD = 3; c.QD = 4; c.GS = 5; c.BS = 6; c.VM = 8; c.VA = 9;
  c.GEN_BUS = 1; c.PG = 2; c.QG = 3; c.VG = 6; c.GEN_STATUS = 8;
  c.F_BUS = 1; c.T_BUS = 2; c.BR_R = 3; c.BR_X = 4; c.BR_B = 5; c.TAP = 9; c.SHIFT = 10; c.BR_STATUS = 11;
  c.PQ = 1; c.PV = 2; c.REF = 3; c.NONE = 4;
end

% ext2int: drop isolated buses, out-of-service rows; renumber buses 1..nb in row order.
function [bus, gen, branch, keptBus, keptBranch] = ext2int_ref(bus, gen, branch)
  c = cols();
  keptBus = find(bus(:, c.BUS_TYPE) ~= c.NONE);
  maxId = max(bus(:, c.BUS_I));
  e2i = zeros(maxId, 1);
  e2i(bus(keptBus, c.BUS_I)) = (1:numel(keptBus))';
  bus = bus(keptBus, :);
  gen = gen(gen(:, c.GEN_STATUS) > 0 & e2i(gen(:, c.GEN_BUS)) > 0, :);
  keptBranch = find(branch(:, c.BR_STATUS) > 0 & e2i(branch(:, c.F_BUS)) > 0 & e2i(branch(:, c.T_BUS)) > 0);
  branch = branch(keptBranch, :);
  bus(:, c.BUS_I) = e2i(bus(:, c.BUS_I));
  gen(:, c.GEN_BUS) = e2i(gen(:, c.GEN_BUS));
  branch(:, c.F_BUS) = e2i(branch(:, c.F_BUS));
  branch(:, c.T_BUS) = e2i(branch(:, c.T_BUS));
end

function [ref, pv, pq] = bustypes_ref(bus, gen)
  c = cols();
  nb = size(bus, 1); ng = size(gen, 1);
  Cg = sparse(gen(:, c.GEN_BUS), (1:ng)', gen(:, c.GEN_STATUS) > 0, nb, ng);
  busGenStatus = (Cg * ones(ng, 1)) > 0;
  ref = find(bus(:, c.BUS_TYPE) == c.REF & busGenStatus);
  pv = find(bus(:, c.BUS_TYPE) == c.PV & busGenStatus);
  pq = find(bus(:, c.BUS_TYPE) == c.PQ | ~busGenStatus);
  if isempty(ref)
    ref = pv(1); pv(1) = [];
  end
end

function [Ybus, Yf, Yt] = makeYbus_ref(baseMVA, bus, branch)
  c = cols();
  nb = size(bus, 1); nl = size(branch, 1);
  stat = branch(:, c.BR_STATUS);
  Ys = stat ./ (branch(:, c.BR_R) + 1j * branch(:, c.BR_X));
  Bc = stat .* branch(:, c.BR_B);
  tap = ones(nl, 1);
  k = find(branch(:, c.TAP));
  tap(k) = branch(k, c.TAP);
  tap = tap .* exp(1j * pi / 180 * branch(:, c.SHIFT));
  Ytt = Ys + 1j * Bc / 2;
  Yff = Ytt ./ (tap .* conj(tap));
  Yft = -Ys ./ conj(tap);
  Ytf = -Ys ./ tap;
  Ysh = (bus(:, c.GS) + 1j * bus(:, c.BS)) / baseMVA;
  f = branch(:, c.F_BUS); t = branch(:, c.T_BUS);
  Cf = sparse(1:nl, f, ones(nl, 1), nl, nb);
  Ct = sparse(1:nl, t, ones(nl, 1), nl, nb);
  ii = [1:nl, 1:nl]';
  Yf = sparse(ii, [f; t], [Yff; Yft], nl, nb);
  Yt = sparse(ii, [f; t], [Ytf; Ytt], nl, nb);
  Ybus = Cf' * Yf + Ct' * Yt + sparse(1:nb, 1:nb, Ysh, nb, nb);
end

function Sbus = makeSbus_ref(baseMVA, bus, gen)
  c = cols();
  nb = size(bus, 1); ng = size(gen, 1);
  on = find(gen(:, c.GEN_STATUS) > 0);
  Cg = sparse(gen(on, c.GEN_BUS), (1:numel(on))', 1, nb, numel(on));
  Sbus = (Cg * (gen(on, c.PG) + 1j * gen(on, c.QG)) - (bus(:, c.PD) + 1j * bus(:, c.QD))) / baseMVA;
end

% Polar partial derivatives of the bus power injections (manual, "Derivatives of complex power injections").
function [dS_dVa, dS_dVm] = dSbus_dV_ref(Ybus, V)
  n = numel(V);
  Ibus = Ybus * V;
  diagV = sparse(1:n, 1:n, V, n, n);
  diagIbus = sparse(1:n, 1:n, Ibus, n, n);
  diagVnorm = sparse(1:n, 1:n, V ./ abs(V), n, n);
  dS_dVm = diagV * conj(Ybus * diagVnorm) + conj(diagIbus) * diagVnorm;
  dS_dVa = 1j * diagV * conj(diagIbus - Ybus * diagV);
end

function [V, converged, it, normF] = newtonpf_ref(Ybus, Sbus, V0, ref, pv, pq, tol, maxIt)
  V = V0; Va = angle(V); Vm = abs(V);
  npv = numel(pv); npq = numel(pq);
  j1 = 1; j2 = npv; j3 = j2 + 1; j4 = j2 + npq; j5 = j4 + 1; j6 = j4 + npq;
  pvpq = [pv; pq];
  mis = V .* conj(Ybus * V) - Sbus;
  F = [real(mis(pvpq)); imag(mis(pq))];
  normF = norm(F, Inf);
  converged = normF < tol;
  it = 0;
  while ~converged && it < maxIt
    it = it + 1;
    [dS_dVa, dS_dVm] = dSbus_dV_ref(Ybus, V);
    j11 = real(dS_dVa(pvpq, pvpq));
    j12 = real(dS_dVm(pvpq, pq));
    j21 = imag(dS_dVa(pq, pvpq));
    j22 = imag(dS_dVm(pq, pq));
    J = [j11 j12; j21 j22];
    dx = -(J \ F);
    Va(pv) = Va(pv) + dx(j1:j2);
    Va(pq) = Va(pq) + dx(j3:j4);
    Vm(pq) = Vm(pq) + dx(j5:j6);
    V = Vm .* exp(1j * Va);
    Vm = abs(V); Va = angle(V);
    mis = V .* conj(Ybus * V) - Sbus;
    F = [real(mis(pvpq)); imag(mis(pq))];
    normF = norm(F, Inf);
    converged = normF < tol;
  end
end

% ---- main ----
args = argv();
if numel(args) < 2
  error('usage: octave-cli matpower_newtonpf_reference.m <inPrefix> <outFile> [repeats]');
end
inPrefix = args{1};
outFile = args{2};
repeats = 5;
if numel(args) >= 3
  repeats = str2double(args{3});
end
c = cols();
baseMVA = load('-ascii', [inPrefix '.base.txt']);
busExt = load('-ascii', [inPrefix '.bus.txt']);
genExt = load('-ascii', [inPrefix '.gen.txt']);
branchExt = load('-ascii', [inPrefix '.branch.txt']);
if isempty(genExt)
  genExt = zeros(0, 21);
end

[bus, gen, branch, keptBus, keptBranch] = ext2int_ref(busExt, genExt, branchExt);
[ref, pv, pq] = bustypes_ref(bus, gen);

% runpf's start point.
V0 = bus(:, c.VM) .* exp(1j * pi / 180 * bus(:, c.VA));
vcb = ones(size(V0));
vcb(pq) = 0;
on = find(gen(:, c.GEN_STATUS) > 0);
gbus = gen(on, c.GEN_BUS);
k = find(vcb(gbus));
V0(gbus(k)) = gen(on(k), c.VG) ./ abs(V0(gbus(k))) .* V0(gbus(k));

tol = 1e-8;
maxIt = 10;

tNewton = zeros(repeats, 1);
tFull = zeros(repeats, 1);
for r = 1:repeats
  % newtonpf alone (Ybus and Sbus prepared outside the timer).
  Ybus = makeYbus_ref(baseMVA, bus, branch);
  Sbus = makeSbus_ref(baseMVA, bus, gen);
  t0 = tic;
  [V, converged, it, normF] = newtonpf_ref(Ybus, Sbus, V0, ref, pv, pq, tol, maxIt);
  tNewton(r) = toc(t0) * 1000;
  % What runpf times around the solver: makeYbus + makeSbus + newtonpf.
  t0 = tic;
  Ybus2 = makeYbus_ref(baseMVA, bus, branch);
  Sbus2 = makeSbus_ref(baseMVA, bus, gen);
  [V2, converged2, it2, normF2] = newtonpf_ref(Ybus2, Sbus2, V0, ref, pv, pq, tol, maxIt);
  tFull(r) = toc(t0) * 1000;
  if ~isequal(V2, V) || it2 ~= it
    error('repeat %d gave a different answer', r);
  end
end

% pfsoln: branch flows, losses, slack generation (MW, MVAr).
[Ybus, Yf, Yt] = makeYbus_ref(baseMVA, bus, branch);
Sf = V(branch(:, c.F_BUS)) .* conj(Yf * V) * baseMVA;
St = V(branch(:, c.T_BUS)) .* conj(Yt * V) * baseMVA;
flows = zeros(size(branchExt, 1), 4);
flows(keptBranch, :) = [real(Sf), imag(Sf), real(St), imag(St)];
losses = sum(Sf + St);
Scalc = V .* conj(Ybus * V) * baseMVA;
slackS = sum(Scalc(ref) + bus(ref, c.PD) + 1j * bus(ref, c.QD));

% int2ext: removed (isolated) buses keep the case's VM/VA.
vmOut = busExt(:, c.VM);
vaOut = busExt(:, c.VA);
vmOut(keptBus) = abs(V);
vaOut(keptBus) = angle(V) * 180 / pi;

fid = fopen(outFile, 'w');
fprintf(fid, '%d %d %.17g %.17g %.17g %d\n', it, converged, normF, median(tNewton), median(tFull), repeats);
fprintf(fid, '%.6f ', [tNewton; tFull]);
fprintf(fid, '\n');
fprintf(fid, '%.17g %.17g %.17g %.17g\n', real(losses), imag(losses), real(slackS), imag(slackS));
fprintf(fid, '%.17g %.17g\n', [vmOut, vaOut]');
fprintf(fid, '%.17g %.17g %.17g %.17g\n', flows');
fclose(fid);
printf('%s: %d buses, %d iterations, converged %d, max mismatch %.3g p.u., newtonpf %.2f ms, makeYbus+makeSbus+newtonpf %.2f ms (median of %d)\n', ...
  inPrefix, size(busExt, 1), it, converged, normF, median(tNewton), median(tFull), repeats);
