function mpc = three_bus_opf
% A 3-bus triangle for `peergrid opf`: every line x = 0.1 p.u., line 1-3 rated 80 MW, 150 MW of load at bus 3,
% a cheap generator (10 $/MWh) at bus 1 and a dear one (30 $/MWh) at bus 2. Solved by hand: dispatch 90/60 MW,
% cost 2700 $/h, LMPs 10/30/50 $/MWh, shadow price of line 1-3 60 $/MWh.
mpc.version = '2';
mpc.baseMVA = 100;
%	bus_i	type	Pd	Qd	Gs	Bs	area	Vm	Va	baseKV	zone	Vmax	Vmin
mpc.bus = [
	1	3	0	0	0	0	1	1	0	230	1	1.1	0.9;
	2	2	0	0	0	0	1	1	0	230	1	1.1	0.9;
	3	1	150	0	0	0	1	1	0	230	1	1.1	0.9;
];
%	bus	Pg	Qg	Qmax	Qmin	Vg	mBase	status	Pmax	Pmin
mpc.gen = [
	1	0	0	100	-100	1	100	1	300	0;
	2	0	0	100	-100	1	100	1	300	0;
];
%	fbus	tbus	r	x	b	rateA	rateB	rateC	ratio	angle	status	angmin	angmax
mpc.branch = [
	1	2	0	0.1	0	0	0	0	0	0	1	-360	360;
	1	3	0	0.1	0	80	0	0	0	0	1	-360	360;
	2	3	0	0.1	0	0	0	0	0	0	1	-360	360;
];
%	2	startup	shutdown	n	c(n-1)	...	c0
mpc.gencost = [
	2	0	0	3	0	10	0;
	2	0	0	3	0	30	0;
];
