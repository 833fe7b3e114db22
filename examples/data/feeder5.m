function mpc = feeder5
% A five-bus 11 kV radial feeder written for the peergrid examples (MATPOWER case format version 2):
% a substation (slack, bus 1) and four load buses on one main line with a lateral at bus 3.
% Impedances are per unit on 100 MVA and 11 kV (Zbase = 1.21 ohm); loads in MW and Mvar.
mpc.version = '2';
mpc.baseMVA = 100;

%% bus data
%	bus_i	type	Pd	Qd	Gs	Bs	area	Vm	Va	baseKV	zone	Vmax	Vmin
mpc.bus = [
	1	3	0	0	0	0	1	1.0	0	11	1	1.05	0.95;
	2	1	0.40	0.15	0	0	1	1.0	0	11	1	1.05	0.95;
	3	1	0.35	0.12	0	0	1	1.0	0	11	1	1.05	0.95;
	4	1	0.50	0.20	0	0	1	1.0	0	11	1	1.05	0.95;
	5	1	0.25	0.08	0	0	1	1.0	0	11	1	1.05	0.95;
];

%% generator data
%	bus	Pg	Qg	Qmax	Qmin	Vg	mBase	status	Pmax	Pmin
mpc.gen = [
	1	0	0	10	-10	1.0	100	1	10	0;
];

%% branch data
%	fbus	tbus	r	x	b	rateA	rateB	rateC	ratio	angle	status	angmin	angmax
mpc.branch = [
	1	2	0.25	0.25	0	6	6	6	0	0	1	-360	360;
	2	3	0.30	0.28	0	6	6	6	0	0	1	-360	360;
	3	4	0.40	0.30	0	4	4	4	0	0	1	-360	360;
	3	5	0.45	0.32	0	4	4	4	0	0	1	-360	360;
];
