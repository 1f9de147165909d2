package rng

func runStep2(g *Generator, s *fixtureStep) ([]uint64, string, bool) {
	f32 := s.Dtype == "float32" || s.Dtype == ""
	switch s.Op {
	case "uniform_permuted":
		if f32 {
			d := make([]float32, 24)
			g.UniformFloat32(d, -1, 2)
			return bits32(d), "", true
		}
		d := make([]float64, 24)
		g.UniformFloat64(d, -1, 2)
		return bits64(d), "", true
	case "randint":
		d := make([]int64, s.N)
		if err := g.RandomInt64(d, s.Low, s.High); err != nil {
			panic(err)
		}
		return ints(d), "", true
	case "random":
		d := make([]int64, s.N)
		switch s.Dtype {
		case "int64":
			g.RandomDefault(d, RandomDefaultInt64)
			return ints(d), "", true
		case "float32":
			g.RandomDefault(d, RandomDefaultFloat32)
			f := make([]float32, s.N)
			for i, v := range d {
				f[i] = float32(v)
			}
			return bits32(f), "", true
		case "float64":
			g.RandomDefault(d, RandomDefaultFloat64)
			f := make([]float64, s.N)
			for i, v := range d {
				f[i] = float64(v)
			}
			return bits64(f), "", true
		}
	case "random_kind":
		kinds := map[string]RandomDefaultKind{"int32": RandomDefaultInt32, "int16": RandomDefaultInt16,
			"int8": RandomDefaultInt8, "uint8": RandomDefaultUint8, "bool": RandomDefaultBool}
		k, ok := kinds[s.Kind]
		if !ok {
			return nil, "", false
		}
		d := make([]int64, s.N)
		g.RandomDefault(d, k)
		return ints(d), "", true
	case "random_full":
		d := make([]int64, s.N)
		g.RandomFullInt64(d)
		return ints(d), "", true
	case "dropout2d":
		// One noise value per (N, C) plane, broadcast over 4x4.
		nc := s.Rows * s.Cols
		if f32 {
			noise := make([]float32, nc)
			must(g.DropoutNoiseFloat32(noise, s.P))
			out := make([]float32, 0, nc*16)
			for _, v := range noise {
				for j := 0; j < 16; j++ {
					out = append(out, v)
				}
			}
			return bits32(out), "", true
		}
		noise := make([]float64, nc)
		must(g.DropoutNoiseFloat64(noise, s.P))
		out := make([]float64, 0, nc*16)
		for _, v := range noise {
			for j := 0; j < 16; j++ {
				out = append(out, v)
			}
		}
		return bits64(out), "", true
	case "randperm":
		return ints(g.Randperm(s.N)), "", true
	case "bernoulli_scalar":
		if f32 {
			d := make([]float32, s.N)
			must(BernoulliScalar(g, d, s.P))
			return bits32(d), "", true
		}
		d := make([]float64, s.N)
		must(BernoulliScalar(g, d, s.P))
		return bits64(d), "", true
	case "bernoulli_tensor":
		if f32 {
			p := linspace32(s.N)
			d := make([]float32, s.N)
			must(BernoulliFloat32P(g, d, p))
			return bits32(d), "", true
		}
		p := linspace64(s.N)
		d := make([]float64, s.N)
		must(BernoulliFloat64P(g, d, p))
		return bits64(d), "", true
	case "multinomial":
		p := fixtureProbs(s.Rows, s.K, s.ZeroEvery)
		if f32 {
			p32 := make([]float32, len(p))
			for i, v := range p {
				p32[i] = float32(v)
			}
			out, err := Multinomial(g, p32, s.Rows, s.K, s.Num, s.Replacement)
			must(err)
			return ints(out), "", true
		}
		out, err := Multinomial(g, p, s.Rows, s.K, s.Num, s.Replacement)
		must(err)
		return ints(out), "", true
	case "multinomial_list":
		k := len(s.Probs) / s.Rows
		if f32 {
			p32 := make([]float32, len(s.Probs))
			for i, v := range s.Probs {
				p32[i] = float32(v)
			}
			out, err := Multinomial(g, p32, s.Rows, k, s.Num, s.Replacement)
			must(err)
			return ints(out), "", true
		}
		out, err := Multinomial(g, s.Probs, s.Rows, k, s.Num, s.Replacement)
		must(err)
		return ints(out), "", true
	case "exponential":
		if f32 {
			d := make([]float32, s.N)
			g.ExponentialFloat32(d, s.Lambd)
			return bits32(d), "", true
		}
		d := make([]float64, s.N)
		g.ExponentialFloat64(d, s.Lambd)
		return bits64(d), "", true
	case "cauchy":
		if f32 {
			d := make([]float32, s.N)
			g.CauchyFloat32(d, s.Median, s.Sigma)
			return bits32(d), "", true
		}
		d := make([]float64, s.N)
		g.CauchyFloat64(d, s.Median, s.Sigma)
		return bits64(d), "", true
	case "log_normal":
		if f32 {
			d := make([]float32, s.N)
			g.LogNormalFloat32(d, s.Mean, s.Std)
			return bits32(d), "", true
		}
		d := make([]float64, s.N)
		g.LogNormalFloat64(d, s.Mean, s.Std)
		return bits64(d), "", true
	case "geometric":
		if f32 {
			d := make([]float32, s.N)
			Geometric(g, d, s.P)
			return bits32(d), "", true
		}
		d := make([]float64, s.N)
		Geometric(g, d, s.P)
		return bits64(d), "", true
	case "dropout":
		// F.dropout(ones(n), p): the output equals the noise.
		if f32 {
			d := make([]float32, s.N)
			must(g.DropoutNoiseFloat32(d, s.P))
			return bits32(d), "", true
		}
		d := make([]float64, s.N)
		must(g.DropoutNoiseFloat64(d, s.P))
		return bits64(d), "", true
	case "normal_tensors":
		if f32 {
			var mean, std []float32
			if s.MeanT {
				mean = lin32(s.N, -1, 2)
			}
			if s.StdT {
				std = lin32(s.N, 0.5, 3)
			}
			d := make([]float32, s.N)
			g.NormalTensorsFloat32(d, mean, std, s.Mean, s.Std)
			return bits32(d), "", true
		}
		var mean, std []float64
		if s.MeanT {
			mean = lin64(s.N, -1, 2)
		}
		if s.StdT {
			std = lin64(s.N, 0.5, 3)
		}
		d := make([]float64, s.N)
		g.NormalTensorsFloat64(d, mean, std, s.Mean, s.Std)
		return bits64(d), "", true
	case "xavier_uniform":
		w := make([]float32, s.In*s.OutF)
		b := XavierUniformBound(s.In, s.OutF, s.Gain)
		g.UniformFloat32(w, -b, b)
		return bits32(w), "", true
	case "xavier_normal":
		w := make([]float32, s.In*s.OutF)
		g.NormalFloat32(w, 0, XavierNormalStd(s.In, s.OutF, s.Gain))
		return bits32(w), "", true
	case "kaiming_normal":
		w := make([]float32, s.In*s.OutF)
		g.NormalFloat32(w, 0, KaimingNormalStd(s.In, 0))
		return bits32(w), "", true
	case "embedding_init":
		w := make([]float32, s.In*s.OutF)
		g.NormalFloat32(w, 0, 1)
		return bits32(w), "", true
	case "module_init":
		// Layers with a fan-in: weight (kaiming) then bias; recurrent
		// layers (fan-in 0 here): every parameter uniform(+-1/sqrt(hidden)),
		// hidden being the size of the last parameter (a bias) / gates.
		var out []float32
		if s.FanIn > 0 {
			w := make([]float32, s.Shapes[0])
			var b []float32
			if len(s.Shapes) > 1 {
				b = make([]float32, s.Shapes[1])
			}
			g.DefaultLayerInitFloat32(w, b, s.FanIn)
			out = append(w, b...)
		} else {
			hidden := map[string]int{"nn.LSTM(3, 4)": 4, "nn.GRU(2, 3)": 3}[s.Module]
			bound := BiasBound(hidden)
			for _, n := range s.Shapes {
				p := make([]float32, n)
				g.UniformFloat32(p, -bound, bound)
				out = append(out, p...)
			}
		}
		return bits32(out), "", true
	case "linear_init":
		w := make([]float32, s.In*s.OutF)
		b := make([]float32, s.OutF)
		g.DefaultLayerInitFloat32(w, b, s.In)
		return bits32(append(w, b...)), "", true
	case "conv2d_init":
		w := make([]float32, s.OutF*s.In*s.K*s.K)
		b := make([]float32, s.OutF)
		g.DefaultLayerInitFloat32(w, b, s.In*s.K*s.K)
		return bits32(append(w, b...)), "", true
	}
	return nil, "", false
}

func must(err error) {
	if err != nil {
		panic(err)
	}
}

// linspace32/64 reproduce torch.linspace(0, 1, n) for the fixture's
// probability tensors (values: start + i*step for the first half, end -
// (n-1-i)*step for the second, step computed in the dtype).
func linspace32(n int) []float32 {
	p := make([]float32, n)
	step := (float32(1) - 0) / float32(n-1)
	half := n / 2
	for i := range p {
		if i < half {
			p[i] = float32(i) * step
		} else {
			p[i] = 1 - float32(n-1-i)*step
		}
	}
	return p
}

func linspace64(n int) []float64 {
	p := make([]float64, n)
	step := 1.0 / float64(n-1)
	half := n / 2
	for i := range p {
		if i < half {
			p[i] = float64(i) * step
		} else {
			p[i] = 1 - float64(n-1-i)*step
		}
	}
	return p
}

// fixtureProbs mirrors probs() in gen_fixtures.py.
func fixtureProbs(rows, k, zeroEvery int) []float64 {
	p := make([]float64, 0, rows*k)
	for r := 0; r < rows; r++ {
		for j := 0; j < k; j++ {
			v := float64((j*7+r*3)%11+1) / 7.0
			if zeroEvery > 0 && j%zeroEvery == 0 {
				v = 0
			}
			p = append(p, v)
		}
	}
	return p
}

// lin32/lin64 mirror lin() in gen_fixtures.py.
func lin32(n int, a, b float64) []float32 {
	v := lin64(n, a, b)
	o := make([]float32, n)
	for i, x := range v {
		o[i] = float32(x)
	}
	return o
}

func lin64(n int, a, b float64) []float64 {
	o := make([]float64, n)
	for i := range o {
		o[i] = a + (b-a)*float64(i)/float64(n-1)
	}
	return o
}
