main.T$p.M:
.L2_begin:
	.cfi_startproc
	test byte ptr [rax], al
	add rax, 8
	jmp main.S$p.M
.L2_end:
	.cfi_endproc
	