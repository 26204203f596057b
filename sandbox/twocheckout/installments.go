package twocheckout

var installmentMethods = []*method{{
	body:  session(MethodGetInstallments, "Answers the installment plans a Brazilian BRL order may pay in.", orderParam(false)),
	codes: orderCodes, session: true,
	run: func(c *call) (any, error) {
		var in OrderInput
		if err := c.decode(1, &in); err != nil {
			return nil, err
		}
		k, err := c.priceCart(in)
		if err != nil {
			return nil, err
		}
		return k.installments()
	},
}}
